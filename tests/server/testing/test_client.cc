#include "testing/test_client.h"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <optional>

#include "core/json.h"

namespace tf::server::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

Value HttpResult::Json() const {
  Result<Value> v = ParseJson(body);
  return v.ok() ? *v : Value();
}

std::string HttpResult::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

struct TestClient::Impl {
  uint16_t port;
  std::optional<TlsClientOptions> tls_options;
  std::chrono::milliseconds deadline;
  net::io_context ioc;
  std::optional<ssl::context> ctx;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  beast::tcp_stream& Lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  // Runs the queued operation until it completes or the deadline passes.
  Status Run(beast::error_code& ec, bool& done) {
    ioc.restart();
    ioc.run_for(deadline);
    if (!done) {
      Lowest().close();
      ioc.restart();
      ioc.run();
      return Status(ErrorCode::kDeadlineExceeded, "operation timed out");
    }
    if (ec) return Status(ErrorCode::kUnavailable, ec.message());
    return Status::Ok();
  }

  template <typename Op>
  Status Do(Op op) {
    beast::error_code ec;
    bool done = false;
    op([&](beast::error_code e, auto&&...) {
      ec = e;
      done = true;
    });
    return Run(ec, done);
  }

  bool connected() const { return plain.has_value() || secure.has_value(); }
};

TestClient::TestClient(uint16_t port, std::optional<TlsClientOptions> tls,
                       std::chrono::milliseconds deadline)
    : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->tls_options = std::move(tls);
  impl_->deadline = deadline;
}

TestClient::~TestClient() {
  Close();
}

void TestClient::Close() {
  if (!impl_->connected()) return;
  beast::error_code ec;
  impl_->Lowest().socket().close(ec);
  impl_->plain.reset();
  impl_->secure.reset();
  impl_->buffer.clear();
}

Status TestClient::Connect() {
  Impl& c = *impl_;
  if (c.connected()) return Status::Ok();
  const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), c.port);
  if (!c.tls_options) {
    c.plain.emplace(c.ioc);
    Status s = c.Do([&](auto h) { c.plain->async_connect(ep, h); });
    if (!s.ok()) c.plain.reset();
    return s;
  }
  const TlsClientOptions& o = *c.tls_options;
  c.ctx.emplace(ssl::context::tls_client);
  c.ctx->load_verify_file(o.ca_file);
  c.ctx->set_verify_mode(ssl::verify_peer);
  if (!o.cert_file.empty()) {
    c.ctx->use_certificate_chain_file(o.cert_file);
    c.ctx->use_private_key_file(o.key_file, ssl::context::pem);
  }
  if (o.max_version != 0) SSL_CTX_set_max_proto_version(c.ctx->native_handle(), o.max_version);
  c.secure.emplace(c.ioc, *c.ctx);
  SSL_set_tlsext_host_name(c.secure->native_handle(), o.server_name.c_str());
  c.secure->set_verify_callback(ssl::host_name_verification(o.server_name));
  Status s = c.Do([&](auto h) { beast::get_lowest_layer(*c.secure).async_connect(ep, h); });
  if (s.ok()) s = c.Do([&](auto h) { c.secure->async_handshake(ssl::stream_base::client, h); });
  if (!s.ok()) c.secure.reset();
  return s;
}

Status TestClient::SendRaw(const std::string& bytes) {
  TF_RETURN_IF_ERROR(Connect());
  Impl& c = *impl_;
  if (c.secure) return c.Do([&](auto h) { net::async_write(*c.secure, net::buffer(bytes), h); });
  return c.Do([&](auto h) { net::async_write(*c.plain, net::buffer(bytes), h); });
}

Result<HttpResult> TestClient::ReadResponse() {
  Impl& c = *impl_;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  Status s = c.secure ? c.Do([&](auto h) { http::async_read(*c.secure, c.buffer, parser, h); })
                      : c.Do([&](auto h) { http::async_read(*c.plain, c.buffer, parser, h); });
  if (!s.ok()) {
    Close();
    return s;
  }
  const auto& res = parser.get();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& ch : name)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  if (!out.keep_alive) Close();
  return out;
}

Result<HttpResult> TestClient::Request(
    const std::string& method, const std::string& target,
    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  TF_RETURN_IF_ERROR(Connect());
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "localhost");
  for (const auto& [k, v] : headers)
    req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  Impl& c = *impl_;
  Status s = c.secure ? c.Do([&](auto h) { http::async_write(*c.secure, req, h); })
                      : c.Do([&](auto h) { http::async_write(*c.plain, req, h); });
  if (!s.ok()) {
    Close();
    return s;
  }
  return ReadResponse();
}

Result<HttpResult> TestClient::Get(const std::string& target, const std::string& token) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return Request("GET", target, headers);
}

Result<HttpResult> TestClient::Post(const std::string& target, const std::string& token,
                                    const std::string& body, const std::string& content_type) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", content_type}};
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return Request("POST", target, headers, body);
}

bool TestClient::ServerClosed() {
  Impl& c = *impl_;
  if (!c.connected()) return true;
  char byte;
  beast::error_code ec;
  bool done = false;
  auto handler = [&](beast::error_code e, size_t) {
    ec = e;
    done = true;
  };
  if (c.secure) {
    c.secure->async_read_some(net::buffer(&byte, 1), handler);
  } else {
    c.plain->async_read_some(net::buffer(&byte, 1), handler);
  }
  c.ioc.restart();
  c.ioc.run_for(c.deadline);
  const bool closed = done && ec;
  if (!done) {
    c.Lowest().close();
    c.ioc.restart();
    c.ioc.run();
  }
  Close();
  return closed;
}

std::string TestClient::PeerSubject() const {
  if (!impl_->secure) return "";
  X509* cert = SSL_get1_peer_certificate(impl_->secure->native_handle());
  if (cert == nullptr) return "";
  char buf[256] = {};
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof(buf));
  X509_free(cert);
  return buf;
}

}  // namespace tf::server::testing
