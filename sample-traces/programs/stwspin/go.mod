module sample/stwspin

go 1.19
