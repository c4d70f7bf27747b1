package test

gql := `enum Hello {}`

p if {
	graphql.parse_schema(gql)
}
