module sample/joinload

go 1.19
