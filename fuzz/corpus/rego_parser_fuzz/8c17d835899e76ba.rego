package test

gql := `
  extend schema {
    mutation: Mutation
  }
`

ast := {"SchemaExtension": [{"Description": "", "OperationTypes": [{"Operation": "mutation", "Type": "Mutation"}]}]}

p if {
	graphql.parse_schema(gql) == ast
}
