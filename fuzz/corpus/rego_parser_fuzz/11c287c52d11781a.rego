package test

schema := `
  union Hello = || Wo | Rld
`

p := x if {
	x := graphql.schema_is_valid(schema)
}
