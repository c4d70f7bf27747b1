// `proof serve --listen HOST:PORT --data DIR [--config FILE] [--dev]
//              [--tls-cert F --tls-key F [--client-ca F]]`: the decision API (src/server).
// SIGTERM/SIGINT drain and stop; SIGHUP reloads the TLS files and the JWKS.
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/fd_streambuf.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/random.h"
#include "server/server_app.h"
#include "server/server_config.h"

namespace tf::cli {
namespace {

struct ServeArgs {
  std::string listen;
  std::string data_dir;
  std::string config_file;
  bool dev = false;
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
};

Result<server::ServerConfig> BuildConfig(const ServeArgs& args) {
  server::ServerConfig config;
  if (!args.config_file.empty()) {
    TF_ASSIGN_OR_RETURN(config, server::LoadServerConfigFile(args.config_file));
  }
  if (!args.listen.empty()) config.listen = args.listen;
  if (!args.data_dir.empty()) config.data_dir = args.data_dir;
  if (!args.tls_cert.empty() || !args.tls_key.empty()) {
    if (args.tls_cert.empty() || args.tls_key.empty()) {
      return InvalidArgument("--tls-cert and --tls-key go together");
    }
    config.tls.cert_file = args.tls_cert;
    config.tls.key_file = args.tls_key;
  }
  if (!args.client_ca.empty()) config.tls.client_ca_file = args.client_ca;
  if (config.tls.mutual() && !config.tls.enabled()) {
    return InvalidArgument("--client-ca needs --tls-cert and --tls-key");
  }
  return config;
}

void PrintDevBanner(const server::ServerApp& app, const server::ServerConfig& config) {
  const char* scheme = app.tls() ? "https" : "http";
  std::cerr << "\n"
            << "!!! DEVELOPMENT MODE: a throwaway signing key and a bearer token for tenant 'dev'\n"
            << "!!! with every scope. Anyone holding the token can use this server.\n"
            << "!!! Never run --dev in production.\n\n";
  std::cout << "listening: " << scheme << "://" << config.listen.substr(0, config.listen.rfind(':'))
            << ":" << app.port() << "\n"
            << "checkpoint key: " << app.public_key_file() << "\n"
            << "dev token: " << app.dev_token() << "\n"
            << std::flush;
}

// Waits for signals on this thread (they are blocked everywhere else): HUP reloads, TERM and
// INT shut down.
void ServeUntilSignalled(server::ServerApp& app, Logger& logger, const sigset_t& signals) {
  while (true) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      Status s = app.Reload();
      logger.Log(
          s.ok() ? LogLevel::kInfo : LogLevel::kError, "reload",
          Value::Object({{Value::String("status"), Value::String(s.ok() ? "ok" : s.ToString())}}));
      continue;
    }
    logger.Info("shutdown_started", Value::Object({{Value::String("signal"), Value::Int(sig)}}));
    app.Shutdown();
    logger.Info("shutdown_complete");
    return;
  }
}

int RunServe(const ServeArgs& args) {
  Result<server::ServerConfig> config = BuildConfig(args);
  if (!config.ok()) return ReportError(config.status());
  // Block the signals before any thread starts so every thread inherits the mask and only
  // sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  SystemClock clock;
  SystemRandom random;
  MetricsRegistry metrics;
  // One line per request: written back as it grows, so its pages never pile up into a
  // writeback burst that stalls the ledger's synced writes (see fd_streambuf.h).
  FdStreamBuf log_buffer(STDERR_FILENO);
  std::ostream log_stream(&log_buffer);
  JsonLinesLogger logger(log_stream, clock);
  Result<std::unique_ptr<server::ServerApp>> app =
      server::ServerApp::Start(*config, server::ServeMode{args.dev},
                               server::ServerAppEnv{&logger, &metrics, &clock, &random});
  if (!app.ok()) return ReportError(app.status());
  logger.Info("listening", Value::Object({{Value::String("port"), Value::Int((*app)->port())},
                                          {Value::String("tls"), Value::Bool((*app)->tls())},
                                          {Value::String("dev"), Value::Bool(args.dev)}}));
  if (args.dev) PrintDevBanner(**app, *config);
  ServeUntilSignalled(**app, logger, signals);
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand("serve", "Serve the decision API (decisions with receipts)");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks one)")
      ->required();
  cmd->add_option("--data", args->data_dir, "Data directory (ledger, keys)")->required();
  cmd->add_option("--config", args->config_file, "Server config (YAML, see config/server.yaml)");
  cmd->add_flag("--dev", args->dev, "Development mode: local signing key, prints a bearer token");
  cmd->add_option("--tls-cert", args->tls_cert, "PEM certificate chain (enables TLS)");
  cmd->add_option("--tls-key", args->tls_key, "PEM private key");
  cmd->add_option("--client-ca", args->client_ca, "PEM CA for client certificates (enables mTLS)");
  cmd->callback([&env, args] { env.exit_code = RunServe(*args); });
}

}  // namespace tf::cli
