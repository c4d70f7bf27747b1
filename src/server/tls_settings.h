// File: server/tls_settings.h
//
// TLS settings of the listener, as plain data (the OpenSSL context built from them lives in
// internal/tls_context.h, inside the connection code). TLS 1.2 is the floor and 1.3 is preferred;
// with a client CA the server requires client certificates (mTLS) and checks them during the
// handshake: no certificate, one not chained to the CA, or one whose subject alternative names
// are not on the allow-list make the handshake fail (the client sees a TLS alert, never an HTTP
// response).
#ifndef TF_SERVER_TLS_SETTINGS_H_
#define TF_SERVER_TLS_SETTINGS_H_

#include <string>
#include <vector>

namespace tf::server {

struct TlsSettings {
  std::string cert_file;       // PEM chain, leaf first
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // PEM CA bundle; set for mTLS
  // Client SANs accepted with mTLS, as "DNS:name", "URI:spiffe://…", "email:addr" or
  // "IP:addr". Empty: any certificate the CA issued.
  std::vector<std::string> allowed_client_sans;

  bool enabled() const { return !cert_file.empty(); }
  bool mutual() const { return !client_ca_file.empty(); }
};

}  // namespace tf::server

#endif  // TF_SERVER_TLS_SETTINGS_H_
