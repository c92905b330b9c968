module sample/starve

go 1.19
