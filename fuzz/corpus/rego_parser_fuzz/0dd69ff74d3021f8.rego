package test

p contains m if some m in regex.find_all_string_submatch_n("^.*$", input.long, -1)
