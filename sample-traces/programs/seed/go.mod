module sample/seed

go 1.19
