package test

schema := `
  type Hello {
    world(flag: Boolean = true): String
  }
`

p if {
	graphql.schema_is_valid(schema)
}
