package test

gql := `query HeroForEpisode($ep: Episode!) {
  hero(episode: $ep) {
    name
    ... on Droid {
      primaryFunction
    }
    ... on Human {
      height
    }
  }
}`

ast := {"Operations": [{
	"Name": "HeroForEpisode",
	"Operation": "query",
	"SelectionSet": [{
		"Alias": "hero",
		"Arguments": [{
			"Name": "episode",
			"Value": {
                "ExpectedTypeHasDefault": false,
				"Kind": 0,
				"Raw": "ep",
			},
		}],
		"Name": "hero",
		"SelectionSet": [
			{
				"Alias": "name",
				"Name": "name",
			},
			{
				"SelectionSet": [{
					"Alias": "primaryFunction",
					"Name": "primaryFunction",
				}],
				"TypeCondition": "Droid",
			},
			{
				"SelectionSet": [{
					"Alias": "height",
					"Name": "height",
				}],
				"TypeCondition": "Human",
			},
		],
	}],
	"VariableDefinitions": [{
		"Type": {
			"NamedType": "Episode",
			"NonNull": true,
		},
		"Used": false,
		"Variable": "ep",
	}],
}]}

p if {
	graphql.parse_query(gql) == ast
}
