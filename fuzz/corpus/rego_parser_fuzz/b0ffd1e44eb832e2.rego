package test

schema := `
  union Hello = World
`

p := x if {
	x := graphql.schema_is_valid(schema)
}
