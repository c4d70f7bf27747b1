package test

gql := `
  schema {
    query: Query
  }
`

ast := {"Schema": [{"Description": "", "OperationTypes": [{"Operation": "query", "Type": "Query"}]}]}

p if {
	graphql.parse_schema(gql) == ast
}
