#include "server/internal/tls_context.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "server/internal/openssl_ptr.h"

namespace tf::server::internal {
namespace {

namespace ssl = boost::asio::ssl;

// Mozilla "intermediate" TLS 1.2 suites: forward secrecy and AEAD only. TLS 1.3 suites are
// OpenSSL's defaults, all of which qualify.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr unsigned char kSessionIdContext[] = "trust-fabric";

Status Invalid(const std::string& what, const std::string& detail) {
  return Status(ErrorCode::kTlsConfigInvalid, what + ": " + detail);
}

std::string IpText(const ASN1_OCTET_STRING* ip) {
  const unsigned char* p = ASN1_STRING_get0_data(ip);
  const int n = ASN1_STRING_length(ip);
  char buf[64] = {};
  if (n == 4) {
    std::snprintf(buf, sizeof(buf), "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
    return buf;
  }
  std::string out;
  for (int i = 0; i + 1 < n; i += 2) {
    std::snprintf(buf, sizeof(buf), "%s%x", i == 0 ? "" : ":", (p[i] << 8) | p[i + 1]);
    out += buf;
  }
  return out;
}

// At depth 0 (the client's own certificate), after the chain verified: the SAN allow-list.
bool CheckClientSans(bool preverified, ssl::verify_context& ctx,
                     const std::vector<std::string>& allowed) {
  if (!preverified) return false;
  X509_STORE_CTX* store = ctx.native_handle();
  if (allowed.empty() || X509_STORE_CTX_get_error_depth(store) != 0) return true;
  const std::vector<std::string> sans = SubjectAltNames(X509_STORE_CTX_get_current_cert(store));
  for (const std::string& san : sans) {
    if (std::find(allowed.begin(), allowed.end(), san) != allowed.end()) return true;
  }
  X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
  return false;
}

}  // namespace

Result<SslContextRef> TlsContextSource::Build(const TlsSettings& s) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(
      native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return Invalid("cipher list", OpensslErrors());
  }
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(s.cert_file, ec);
  if (ec) return Invalid(s.cert_file, "cannot load the certificate chain: " + ec.message());
  ctx->use_private_key_file(s.key_file, ssl::context::pem, ec);
  if (ec) return Invalid(s.key_file, "cannot load the private key: " + ec.message());
  if (SSL_CTX_check_private_key(native) != 1) {
    return Invalid(s.key_file, "the key does not match the certificate");
  }
  if (s.mutual()) {
    ctx->load_verify_file(s.client_ca_file, ec);
    if (ec) return Invalid(s.client_ca_file, "cannot load the client CA: " + ec.message());
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(s.client_ca_file.c_str());
    if (names == nullptr) return Invalid(s.client_ca_file, "no CA names in the file");
    SSL_CTX_set_client_CA_list(native, names);
    // Session resumption with client verification needs a session id context.
    SSL_CTX_set_session_id_context(native, kSessionIdContext, sizeof(kSessionIdContext) - 1);
    ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    std::vector<std::string> allowed = s.allowed_client_sans;
    ctx->set_verify_callback([allowed](bool preverified, ssl::verify_context& vctx) {
      return CheckClientSans(preverified, vctx, allowed);
    });
  }
  return ctx;
}

Result<std::unique_ptr<TlsContextSource>> TlsContextSource::Create(TlsSettings settings) {
  std::unique_ptr<TlsContextSource> source(new TlsContextSource(std::move(settings)));
  TF_RETURN_IF_ERROR(source->Reload());
  return source;
}

SslContextRef TlsContextSource::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

Status TlsContextSource::Reload() {
  TF_ASSIGN_OR_RETURN(SslContextRef ctx, Build(settings_));
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(ctx);
  return Status::Ok();
}

std::vector<std::string> SubjectAltNames(X509* cert) {
  std::vector<std::string> out;
  if (cert == nullptr) return out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    auto text = [](const ASN1_IA5STRING* s) {
      return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                         static_cast<size_t>(ASN1_STRING_length(s)));
    };
    switch (name->type) {
      case GEN_DNS:
        out.push_back("DNS:" + text(name->d.dNSName));
        break;
      case GEN_URI:
        out.push_back("URI:" + text(name->d.uniformResourceIdentifier));
        break;
      case GEN_EMAIL:
        out.push_back("email:" + text(name->d.rfc822Name));
        break;
      case GEN_IPADD:
        out.push_back("IP:" + IpText(name->d.iPAddress));
        break;
      default:
        break;
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

PeerTls DescribePeer(SSL* ssl) {
  PeerTls peer;
  peer.protocol = SSL_get_version(ssl);
  X509Ptr cert(SSL_get1_peer_certificate(ssl));
  if (cert) {
    peer.client_verified = SSL_get_verify_result(ssl) == X509_V_OK;
    char subject[512] = {};
    X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof(subject));
    peer.client_subject = subject;
    peer.client_sans = SubjectAltNames(cert.get());
  }
  return peer;
}

}  // namespace tf::server::internal
