// Connections: one Session per socket, plain or TLS (CRTP over the stream type, as in Beast's
// advanced server example). Reading is split so that each limit has a clear moment:
//   idle      wait for the first byte of the next request (idle timeout)
//   header    read the request line and headers (read timeout starts, header limit)
//   body      the route's body limit is known now; 413 before reading an oversized body
//   handle    no deadline: the handler may wait for the ledger's group commit
//   write     write timeout
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <chrono>
#include <iterator>
#include <limits>
#include <optional>

#include "server/internal/http_session.h"
#include "server/problem.h"
#include "server/raw_http_request.h"
#include "server/request_target.h"

namespace tf::server::internal {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SessionStream = beast::basic_stream<tcp, SessionStrand>;

constexpr size_t kReadChunk = 8192;
// Until the header names the route, the body limit is unknown; the parser must not judge a
// Content-Length before OnHeader sets the route's limit.
constexpr uint64_t kNoBodyYet = std::numeric_limits<uint64_t>::max();

std::chrono::nanoseconds Nanos(int64_t n) {
  return std::chrono::nanoseconds(n);
}

HttpRequest ToHttpRequest(http::request<http::string_body> req) {
  HttpRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.keep_alive = req.keep_alive();
  // Exactly as many as there are: a reserve of 16 asked malloc for 1 KB, a large-bin request
  // that made glibc consolidate its fast bins on every request.
  r.headers.reserve(static_cast<size_t>(std::distance(req.begin(), req.end())));
  for (const auto& field : req) {
    const beast::string_view name = field.name_string();
    r.headers.emplace_back(AsciiLower(std::string_view(name.data(), name.size())),
                           std::string(field.value()));
  }
  r.body = std::move(req.body());
  return r;
}

std::string RemoteOf(const SessionSocket& socket) {
  boost::system::error_code ec;
  const tcp::endpoint ep = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

template <class Derived>
class Session : public Connection, public std::enable_shared_from_this<Derived> {
 public:
  Session(ServerCore& core, std::string remote) : core_(core), remote_(std::move(remote)) {
    core_.connections_total.Add();
  }
  ~Session() override { core_.Unregister(id_); }

  void Drain() override {
    net::post(Stream().get_executor(), [self = this->shared_from_this()] {
      if (self->idle_) beast::get_lowest_layer(self->Stream()).cancel();
    });
  }

  void Abort() override {
    net::post(Stream().get_executor(), [self = this->shared_from_this()] {
      beast::get_lowest_layer(self->Stream()).close();
    });
  }

 protected:
  void Register() { id_ = core_.Register(this->weak_from_this()); }
  auto& Stream() { return static_cast<Derived*>(this)->stream(); }
  auto& Lowest() { return beast::get_lowest_layer(Stream()); }

  void WaitForRequest() {
    if (core_.draining) return static_cast<Derived*>(this)->Close();
    if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is already here
    idle_ = true;
    Lowest().expires_after(Nanos(core_.limits.idle_timeout_nanos));
    Stream().async_read_some(
        buffer_.prepare(kReadChunk),
        beast::bind_front_handler(&Session::OnFirstBytes, this->shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, size_t n) {
    idle_ = false;
    if (ec) return static_cast<Derived*>(this)->Close();  // idle timeout, EOF, drain
    buffer_.commit(n);
    ReadHeader();
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(core_.limits.max_header_bytes);
    parser_->body_limit(kNoBodyYet);
    // One deadline for the whole request from its first byte: a client trickling bytes
    // (slowloris) is cut off when it passes.
    Lowest().expires_after(Nanos(core_.limits.read_timeout_nanos));
    http::async_read_header(
        Stream(), buffer_, *parser_,
        beast::bind_front_handler(&Session::OnHeader, this->shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    const uint64_t limit = core_.handler.BodyLimit(
        std::string_view(req.method_string().data(), req.method_string().size()),
        PathOnly(req.target()));
    parser_->body_limit(limit);
    if (parser_->content_length() && *parser_->content_length() > limit) {
      return Refuse(
          Status(ErrorCode::kRequestTooLarge, "the body is larger than this route's limit of " +
                                                  std::to_string(limit) + " bytes"),
          "body_limit");
    }
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      continue_ = http::response<http::empty_body>{http::status::continue_, 11};
      return http::async_write(
          Stream(), continue_,
          beast::bind_front_handler(&Session::OnContinue, this->shared_from_this()));
    }
    ReadBody();
  }

  void OnContinue(beast::error_code ec, size_t) {
    if (ec) return static_cast<Derived*>(this)->Close();
    ReadBody();
  }

  void ReadBody() {
    http::async_read(Stream(), buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRequest, this->shared_from_this()));
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return Refuse(Status(ErrorCode::kHeadersTooLarge,
                           "request headers are larger than " +
                               std::to_string(core_.limits.max_header_bytes) + " bytes"),
                    "header_limit");
    }
    if (ec == http::error::body_limit) {
      return Refuse(
          Status(ErrorCode::kRequestTooLarge, "the body is larger than this route's limit"),
          "body_limit");
    }
    if (ec == beast::error::timeout) {
      // The stream closed the socket when the deadline passed; nothing can be sent.
      core_.protocol_errors.Add({"timeout"});
      return;
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::ssl::error::stream_truncated) {
      return static_cast<Derived*>(this)->Close();
    }
    Refuse(Status(ErrorCode::kBadRequest, "malformed HTTP request: " + ec.message()), "malformed");
  }

  static std::string_view PathOnly(beast::string_view target) {
    std::string_view t(target.data(), target.size());
    return t.substr(0, t.find('?'));
  }

  void OnRequest(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    HttpRequest r = ToHttpRequest(parser_->release());
    r.remote_address = remote_;
    r.tls = static_cast<Derived*>(this)->peer();
    keep_alive_ = r.keep_alive;
    if (Status s = ParseRequestTarget(r.target, r); !s.ok()) {
      core_.protocol_errors.Add({"malformed"});
      return Write(ProblemResponse(s));
    }
    Lowest().expires_never();
    auto self = this->shared_from_this();
    // Work handed back from another thread (the ledger's completion) runs on this connection's
    // strand, so the response it renders is written without a second trip through the queue;
    // a response given right away, still on the strand, is written at once.
    Poster on_strand = [self](std::function<void()> task) {
      net::post(self->Stream().get_executor(), std::move(task));
    };
    core_.handler.Handle(
        std::move(r),
        [self](HttpResponse response) {
          net::dispatch(self->Stream().get_executor(),
                        [self, response = std::move(response)]() mutable {
                          self->Write(std::move(response));
                        });
        },
        on_strand);
  }

  void Refuse(const Status& status, const char* reason) {
    core_.protocol_errors.Add({reason});
    keep_alive_ = false;
    Write(ProblemResponse(status));
  }

  // Serialized here into one header block, written with the body in one gather write: Beast's
  // field container and serializer cost as much as the rest of a cheap request.
  void Write(HttpResponse r) {
    const bool keep_alive = keep_alive_ && !core_.draining;
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(r.status);
    head_ += ' ';
    const beast::string_view reason = http::obsolete_reason(static_cast<http::status>(r.status));
    head_.append(reason.data(), reason.size());
    head_ += "\r\nServer: trust-fabric\r\nDate: ";
    head_ += HttpDate();
    AppendField("Content-Type", r.content_type);
    for (const auto& [name, value] : r.headers)
      AppendField(name, value);
    head_ += "\r\nContent-Length: ";
    head_ += std::to_string(r.body.size());
    if (!keep_alive) head_ += "\r\nConnection: close";
    head_ += "\r\n\r\n";
    body_ = std::move(r.body);
    Lowest().expires_after(Nanos(core_.limits.write_timeout_nanos));
    const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::buffer(body_)};
    net::async_write(
        Stream(), buffers,
        beast::bind_front_handler(&Session::OnWrite, this->shared_from_this(), keep_alive));
  }

  // A field whose name or value could end the header early is dropped, never sent: handlers set
  // only fixed names and values they built, so this guards against a bug becoming a split.
  void AppendField(std::string_view name, std::string_view value) {
    if (name.find_first_of("\r\n:") != std::string_view::npos ||
        value.find_first_of("\r\n") != std::string_view::npos) {
      return;
    }
    head_ += "\r\n";
    head_ += name;
    head_ += ": ";
    head_ += value;
  }

  // The Date header changes once a second; a keep-alive connection formats it that often.
  const std::string& HttpDate() {
    const int64_t now = core_.clock.NowNanos();
    if (now / 1'000'000'000 != date_second_) {
      date_second_ = now / 1'000'000'000;
      date_ = FormatHttpDate(now);
    }
    return date_;
  }

  void OnWrite(bool keep_alive, beast::error_code ec, size_t) {
    if (ec || !keep_alive) return static_cast<Derived*>(this)->Close();
    WaitForRequest();
  }

  ServerCore& core_;
  const std::string remote_;
  uint64_t id_ = 0;
  bool idle_ = false;
  bool keep_alive_ = true;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> continue_;
  std::string head_;  // the response's status line and fields, while it is written
  std::string body_;
  int64_t date_second_ = -1;
  std::string date_;
};

class PlainSession final : public Session<PlainSession> {
 public:
  PlainSession(ServerCore& core, SessionSocket socket)
      : Session(core, RemoteOf(socket)), stream_(std::move(socket)) {}

  void Run() {
    Register();
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
  }
  SessionStream& stream() { return stream_; }
  std::optional<PeerTls> peer() const { return std::nullopt; }
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

 private:
  SessionStream stream_;
};

class TlsSession final : public Session<TlsSession> {
 public:
  TlsSession(ServerCore& core, SessionSocket socket, SslContextRef context)
      : Session(core, RemoteOf(socket)),
        context_(std::move(context)),
        stream_(std::move(socket), *context_) {}

  void Run() {
    Register();
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      beast::get_lowest_layer(self->stream_)
          .expires_after(Nanos(self->core_.limits.read_timeout_nanos));
      self->stream_.async_handshake(net::ssl::stream_base::server,
                                    beast::bind_front_handler(&TlsSession::OnHandshake, self));
    });
  }
  beast::ssl_stream<SessionStream>& stream() { return stream_; }
  std::optional<PeerTls> peer() const { return peer_; }
  void Close() {
    if (!handshaken_ || closing_) {
      beast::get_lowest_layer(stream_).close();
      return;
    }
    closing_ = true;
    beast::get_lowest_layer(stream_).expires_after(Nanos(core_.limits.write_timeout_nanos));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
      beast::get_lowest_layer(self->stream_).close();
    });
  }

 private:
  void OnHandshake(beast::error_code ec) {
    if (ec) {
      core_.tls_handshake_failures.Add();
      core_.logger.Log(LogLevel::kInfo, "tls_handshake_failed",
                       Value::Object({{Value::String("remote"), Value::String(remote_)},
                                      {Value::String("reason"), Value::String(ec.message())}}));
      beast::get_lowest_layer(stream_).close();
      return;
    }
    handshaken_ = true;
    peer_ = DescribePeer(stream_.native_handle());
    WaitForRequest();
  }

  SslContextRef context_;  // the context this connection was accepted with (see Reload)
  beast::ssl_stream<SessionStream> stream_;
  std::optional<PeerTls> peer_;
  bool handshaken_ = false;
  bool closing_ = false;
};

}  // namespace

void StartPlainSession(ServerCore& core, SessionSocket socket) {
  std::make_shared<PlainSession>(core, std::move(socket))->Run();
}

void StartTlsSession(ServerCore& core, SessionSocket socket, SslContextRef context) {
  std::make_shared<TlsSession>(core, std::move(socket), std::move(context))->Run();
}

}  // namespace tf::server::internal

namespace tf::server {

Result<HttpRequest> ParseRawHttpRequest(std::string_view bytes, const HttpLimits& limits,
                                        uint64_t body_limit) {
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.header_limit(limits.max_header_bytes);
  parser.body_limit(body_limit);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view rest = bytes;
  while (!parser.is_done() && !rest.empty()) {
    const size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == http::error::need_more) {
      ec = {};
      if (used == 0) break;
    }
    if (ec) break;
  }
  if (ec == http::error::header_limit)
    return Status(ErrorCode::kHeadersTooLarge, "headers too large");
  if (ec == http::error::body_limit) return Status(ErrorCode::kRequestTooLarge, "body too large");
  if (ec || !parser.is_done()) {
    return Status(ErrorCode::kBadRequest, "malformed or incomplete HTTP request");
  }
  HttpRequest r = internal::ToHttpRequest(parser.release());
  TF_RETURN_IF_ERROR(ParseRequestTarget(r.target, r));
  return r;
}

}  // namespace tf::server
