#include "server/http_server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <pthread.h>

#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "server/internal/http_session.h"
#include "server/internal/server_core.h"
#include "server/internal/tls_context.h"

namespace tf::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Member order matters: `core` outlives `ioc` (sessions unregister from it when the io_context
// destroys their pending handlers), and the acceptor dies before the io_context.
struct HttpServer::Impl {
  Impl(HttpServerOptions o, RequestHandler& handler, Logger& logger, MetricsRegistry& metrics,
       const Clock& clock)
      : options(std::move(o)),
        core(handler, options.limits, logger, metrics, clock),
        acceptor(net::make_strand(ioc)),
        retry_timer(acceptor.get_executor()),
        keep_running(net::make_work_guard(ioc)) {}

  Status Listen() {
    boost::system::error_code ec;
    const net::ip::address address = net::ip::make_address(options.host, ec);
    if (ec)
      return Status(ErrorCode::kInvalidArgument, "'" + options.host + "' is not an IP address");
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status(ErrorCode::kUnavailable, "cannot listen on " + options.host + ":" +
                                                 std::to_string(options.port) + ": " +
                                                 ec.message());
    }
    port = acceptor.local_endpoint().port();
    return Status::Ok();
  }

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec,
                                                        internal::SessionSocket socket) {
      if (!acceptor.is_open() || core.draining) return;
      if (ec) {
        // Out of descriptors and the like: back off briefly instead of spinning.
        constexpr auto kBackoff = std::chrono::milliseconds(50);
        retry_timer.expires_after(kBackoff);
        retry_timer.async_wait([this](boost::system::error_code) { Accept(); });
        return;
      }
      if (core.Count() >= options.limits.max_connections) {
        core.connections_rejected.Add();
        boost::system::error_code ignored;
        socket.close(ignored);
      } else {
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (tls) {
          internal::StartTlsSession(core, std::move(socket), tls->Current());
        } else {
          internal::StartPlainSession(core, std::move(socket));
        }
      }
      Accept();
    });
  }

  void Stop() {
    if (stopped) return;
    stopped = true;
    keep_running.reset();
    ioc.stop();
    for (std::thread& t : threads)
      t.join();
    threads.clear();
  }

  HttpServerOptions options;
  internal::ServerCore core;
  std::unique_ptr<internal::TlsContextSource> tls;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer retry_timer;
  // While a handler waits (e.g. for the ledger's group commit) a draining server may have no
  // socket operation pending; without this the I/O threads would return from run() and the
  // response, posted later, would never be written.
  net::executor_work_guard<net::io_context::executor_type> keep_running;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool stopped = false;
  std::once_flag shutdown_once;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  if (impl_) impl_->Stop();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options,
                                                      RequestHandler& handler, Logger& logger,
                                                      MetricsRegistry& metrics,
                                                      const Clock& clock) {
  if (options.threads < 1) return InvalidArgument("the server needs at least one I/O thread");
  auto impl = std::make_unique<Impl>(std::move(options), handler, logger, metrics, clock);
  if (impl->options.tls.enabled()) {
    TF_ASSIGN_OR_RETURN(impl->tls, internal::TlsContextSource::Create(impl->options.tls));
  }
  TF_RETURN_IF_ERROR(impl->Listen());
  impl->Accept();
  for (int i = 0; i < impl->options.threads; ++i) {
    impl->threads.emplace_back([io = &impl->ioc] {
      // Named so that per-thread CPU (/proc/PID/task/*/comm, top -H) tells them from the
      // ledger's threads.
      pthread_setname_np(pthread_self(), "http-io");
      io->run();
    });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const {
  return impl_->port;
}

bool HttpServer::tls() const {
  return impl_->tls != nullptr;
}

Status HttpServer::ReloadTls() {
  if (!impl_->tls) return FailedPrecondition("the server is not serving TLS");
  return impl_->tls->Reload();
}

size_t HttpServer::open_connections() const {
  return impl_->core.Count();
}

void HttpServer::Shutdown(int64_t grace_nanos) {
  std::call_once(impl_->shutdown_once, [this, grace_nanos] {
    Impl& impl = *impl_;
    impl.core.draining = true;
    std::promise<void> closed;
    net::post(impl.acceptor.get_executor(), [&impl, &closed] {
      boost::system::error_code ignored;
      impl.acceptor.close(ignored);
      impl.retry_timer.cancel();
      closed.set_value();
    });
    closed.get_future().wait();
    for (const std::shared_ptr<internal::Connection>& c : impl.core.Snapshot())
      c->Drain();
    if (!impl.core.WaitUntilEmpty(grace_nanos)) {
      for (const std::shared_ptr<internal::Connection>& c : impl.core.Snapshot())
        c->Abort();
      impl.core.WaitUntilEmpty(grace_nanos);
    }
    impl.Stop();
  });
}

}  // namespace tf::server
