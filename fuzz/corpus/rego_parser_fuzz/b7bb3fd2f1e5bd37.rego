package testing

p := rego.metadata.chain()
