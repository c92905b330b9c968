module sample/spin

go 1.19
