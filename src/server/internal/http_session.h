// File: server/internal/http_session.h
//
// One accepted connection: reads requests (within the limits of ServerCore), hands them to the
// handler and writes the responses, keeping the connection alive between requests. Sessions own
// themselves (shared_ptr captured by their pending asynchronous operations, the Beast idiom)
// and end when the connection closes.
#ifndef TF_SERVER_INTERNAL_HTTP_SESSION_H_
#define TF_SERVER_INTERNAL_HTTP_SESSION_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "server/internal/server_core.h"
#include "server/internal/tls_context.h"

namespace tf::server::internal {

// A connection's own strand, as a concrete type: with Asio's type-erased any_io_executor every
// asynchronous operation copied and re-wrapped the executor (a heap allocation each time).
using SessionStrand = boost::asio::strand<boost::asio::io_context::executor_type>;
using SessionSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, SessionStrand>;

// REQUIRES: `socket` is on its own strand (accepted with make_strand).
void StartPlainSession(ServerCore& core, SessionSocket socket);
void StartTlsSession(ServerCore& core, SessionSocket socket, SslContextRef context);

}  // namespace tf::server::internal

#endif  // TF_SERVER_INTERNAL_HTTP_SESSION_H_
