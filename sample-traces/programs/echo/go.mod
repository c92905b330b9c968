module sample/echo

go 1.19
