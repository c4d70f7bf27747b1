package test

schema := `
  input Hello {
    world: String
  }
`

p if {
	graphql.schema_is_valid(schema)
}
