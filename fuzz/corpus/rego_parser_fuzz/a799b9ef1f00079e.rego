package test

p := indexof_n("😇😀😇😀😇😀", "😀")
