module callfree

go 1.19
