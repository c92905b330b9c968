module asmspin

go 1.19
