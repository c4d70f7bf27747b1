package test

schema := `
  type Query {
      x: Int
  }
  extend type Query {
      myAction(myEnum: Locale!): SomeResult!
  }
  type SomeResult {
      id: String
  }
  enum Locale {
      EN
      LT
      DE
  }
`

query := `
  query SomeOperation ($locale: Locale! = DE) {
    myAction(myEnum: $locale) {
      id
    }
  }
`

q_ast := {"Operations": [{"Name": "SomeOperation", "Operation": "query", "SelectionSet": [{"Alias": "myAction", "Arguments": [{"Name": "myEnum", "Value": {"ExpectedTypeHasDefault": false, "Kind": 0, "Raw": "locale"}}], "Name": "myAction", "SelectionSet": [{"Alias": "id", "Name": "id"}]}], "VariableDefinitions": [{"DefaultValue": {"ExpectedTypeHasDefault": false, "Kind": 7, "Raw": "DE"}, "Type": {"NamedType": "Locale", "NonNull": true}, "Used": false, "Variable": "locale"}]}]}

p if {
	[q_ast, _] = graphql.parse(query, schema)
}
