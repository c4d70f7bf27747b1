// File: rego/builtins/pem_block.h
//
// PEM decoding (RFC 7468) with the exact behaviour of Go's encoding/pem.Decode, which OPA uses
// to pick certificates and keys out of strings: the first well-formed block is returned with
// whatever follows it; malformed candidate blocks are skipped.
#ifndef TF_REGO_BUILTINS_PEM_BLOCK_H_
#define TF_REGO_BUILTINS_PEM_BLOCK_H_

#include <optional>
#include <string>
#include <string_view>

namespace tf::rego::builtins {

struct PemBlock {
  std::string type;   // "CERTIFICATE", "PUBLIC KEY", ...
  std::string bytes;  // decoded DER
  bool has_headers = false;
};

// The first PEM block in `data` and the rest of the input after it, or nullopt (and `rest`
// untouched) when there is none.
std::optional<PemBlock> DecodePem(std::string_view data, std::string_view* rest);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_PEM_BLOCK_H_
