package test

schema := `
  input Hello {
    world(foo: Int): String
  }
`

p := x if {
	x := graphql.schema_is_valid(schema)
}
