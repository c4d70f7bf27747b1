package test

schema := `
  type Query {
    bar: String!
  }
`

query := `
  query Foo($flag: Boolean!) {
    ...Bar
  }
  fragment Bar on Query {
    bar @include(if: $flag)
  }
`

q_ast := {"Fragments": [{"Name": "Bar", "SelectionSet": [{"Alias": "bar", "Directives": [{"Arguments": [{"Name": "if", "Value": {"ExpectedTypeHasDefault": false, "Kind": 0, "Raw": "flag"}}], "Location": "", "Name": "include"}], "Name": "bar"}], "TypeCondition": "Query"}], "Operations": [{"Name": "Foo", "Operation": "query", "SelectionSet": [{"Name": "Bar"}], "VariableDefinitions": [{"Type": {"NamedType": "Boolean", "NonNull": true}, "Used": false, "Variable": "flag"}]}]}

p if {
	[valid, q_ast, _] = graphql.parse_and_verify(query, schema)
	valid
}
