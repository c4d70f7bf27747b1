package primary
allow[action].something if  action := "show"
allow.see.something_else if true
