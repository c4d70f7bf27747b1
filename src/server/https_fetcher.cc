#include "server/https_fetcher.h"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <optional>

namespace tf::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

Status Unavailable(const std::string& step, const std::string& detail) {
  return Status(ErrorCode::kUnavailable, step + ": " + detail);
}

// One GET as a chain of asynchronous steps on a private io_context, so that the stream's
// deadline covers every step (Beast's timeouts apply to asynchronous operations only).
class Exchange {
 public:
  Exchange(const HttpsFetcherOptions& options, HttpsUrl url, ssl::context& ctx)
      : options_(options), url_(std::move(url)), resolver_(ioc_), stream_(ioc_, ctx) {}

  Result<std::string> Run() {
    if (!SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str())) {
      return Unavailable("tls", "cannot set the server name");
    }
    stream_.set_verify_callback(ssl::host_name_verification(url_.host));
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::nanoseconds(options_.timeout_nanos));
    resolver_.async_resolve(
        url_.host, url_.port, [this](beast::error_code ec, tcp::resolver::results_type r) {
          if (ec) return Fail("resolve", ec);
          beast::get_lowest_layer(stream_).async_connect(
              r, [this](beast::error_code ec2, const tcp::endpoint&) {
                if (ec2) return Fail("connect", ec2);
                stream_.async_handshake(ssl::stream_base::client, [this](beast::error_code ec3) {
                  if (ec3) return Fail("tls handshake", ec3);
                  SendRequest();
                });
              });
        });
    ioc_.run();
    if (!error_.ok()) return error_;
    return std::move(body_);
  }

 private:
  void SendRequest() {
    request_ = {http::verb::get, url_.target, 11};
    request_.set(http::field::host, url_.host);
    request_.set(http::field::user_agent, "trust-fabric-jwks");
    request_.set(http::field::accept, "application/json, application/jwk-set+json");
    http::async_write(stream_, request_, [this](beast::error_code ec, size_t) {
      if (ec) return Fail("send", ec);
      parser_.emplace();
      parser_->body_limit(options_.max_body_bytes);
      http::async_read(stream_, buffer_, *parser_, [this](beast::error_code ec2, size_t) {
        if (ec2) return Fail("read", ec2);
        const auto& res = parser_->get();
        if (res.result() != http::status::ok) {
          error_ = Unavailable("response", "HTTP " + std::to_string(res.result_int()));
        } else {
          body_ = res.body();
        }
        beast::get_lowest_layer(stream_).close();
      });
    });
  }

  void Fail(const char* step, beast::error_code ec) {
    error_ = Unavailable(step, ec.message());
    beast::get_lowest_layer(stream_).close();
  }

  const HttpsFetcherOptions& options_;
  const HttpsUrl url_;
  net::io_context ioc_;
  tcp::resolver resolver_;
  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  Status error_;
  std::string body_;
};

}  // namespace

Result<HttpsUrl> ParseHttpsUrl(const std::string& url) {
  constexpr std::string_view kScheme = "https://";
  if (url.rfind(kScheme, 0) != 0) return InvalidArgument("not an https:// URL: " + url);
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  HttpsUrl out;
  if (slash != std::string_view::npos) out.target = std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos || out.target.find('#') != std::string::npos) {
    return InvalidArgument("user info and fragments are not allowed in the JWKS URL");
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    out.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    if (out.port.empty() || out.port.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("bad port in " + url);
    }
  }
  out.host = std::string(authority);
  if (out.host.empty()) return InvalidArgument("no host in " + url);
  return out;
}

Result<std::string> HttpsFetcher::Fetch(const std::string& url) {
  Result<HttpsUrl> parsed = ParseHttpsUrl(url);
  if (!parsed.ok()) return Unavailable("url", std::string(parsed.status().message()));
  ssl::context ctx(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  if (options_.ca_file.empty()) {
    ctx.set_default_verify_paths(ec);
  } else {
    ctx.load_verify_file(options_.ca_file, ec);
  }
  if (ec) return Unavailable("trust store", ec.message());
  ctx.set_verify_mode(ssl::verify_peer);
  Exchange exchange(options_, std::move(parsed).value(), ctx);
  return exchange.Run();
}

}  // namespace tf::server
