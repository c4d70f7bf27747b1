package test

schema := `
  interface IA {
    id: ID!
  }
  interface IIA implements IA {
    id: ID!
  }
  type A implements IIA {
    id: ID!
  }
`

p := x if {
	x := graphql.schema_is_valid(schema)
}
