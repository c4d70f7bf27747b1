#include "testing/test_pki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <stdexcept>

namespace tf::server::testing {
namespace {

constexpr long kValiditySeconds = 7 * 24 * 3600;

EVP_PKEY* NewKey() {
  return EVP_EC_gen("prime256v1");
}

void AddExt(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) throw std::runtime_error("bad extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509* NewCert(EVP_PKEY* key, const std::string& cn, long serial) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  // Valid from an hour ago: certificates are checked against the real clock by OpenSSL.
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), kValiditySeconds);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  return cert;
}

void WritePem(const std::string& path, X509* cert, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  if (cert != nullptr) PEM_write_X509(f, cert);
  if (key != nullptr) PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
}

}  // namespace

struct TestCa::Impl {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  ~Impl() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
};

TestCa::TestCa(std::string dir, std::string name)
    : impl_(std::make_unique<Impl>()), dir_(std::move(dir)) {
  impl_->key = NewKey();
  impl_->cert = NewCert(impl_->key, name, 1);
  X509_set_issuer_name(impl_->cert, X509_get_subject_name(impl_->cert));
  AddExt(impl_->cert, impl_->cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExt(impl_->cert, impl_->cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExt(impl_->cert, impl_->cert, NID_subject_key_identifier, "hash");
  X509_sign(impl_->cert, impl_->key, EVP_sha256());
  ca_file_ = dir_ + "/" + name + "-ca.pem";
  WritePem(ca_file_, impl_->cert, nullptr);
}

TestCa::~TestCa() = default;

CertFiles TestCa::Issue(const std::string& file_stem, const std::string& common_name,
                        const std::vector<std::string>& sans, bool server, long serial) const {
  EVP_PKEY* key = NewKey();
  X509* cert = NewCert(key, common_name, serial);
  X509_set_issuer_name(cert, X509_get_subject_name(impl_->cert));
  AddExt(cert, impl_->cert, NID_basic_constraints, "critical,CA:FALSE");
  AddExt(cert, impl_->cert, NID_ext_key_usage, server ? "serverAuth" : "clientAuth");
  std::string san_text;
  for (const std::string& s : sans)
    san_text += (san_text.empty() ? "" : ",") + s;
  if (!san_text.empty()) AddExt(cert, impl_->cert, NID_subject_alt_name, san_text);
  X509_sign(cert, impl_->key, EVP_sha256());
  CertFiles files{dir_ + "/" + file_stem + ".crt", dir_ + "/" + file_stem + ".key"};
  WritePem(files.cert, cert, nullptr);
  WritePem(files.key, nullptr, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return files;
}

}  // namespace tf::server::testing
