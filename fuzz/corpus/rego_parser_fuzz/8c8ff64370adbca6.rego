package test

gql := `union Hello = | Wo | Rld`

ast := {"Definitions": [{"BuiltIn": false, "Description": "", "Kind": "UNION", "Name": "Hello", "Types": ["Wo", "Rld"]}]}

p if {
	graphql.parse_schema(gql) == ast
}
