module sample/stwload

go 1.19
