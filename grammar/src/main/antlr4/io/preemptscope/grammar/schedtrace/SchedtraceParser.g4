/*
 * One line of GODEBUG=schedtrace output (see SchedtraceLexer.g4). Lines that are not the
 * runtime's, such as the program's own stderr output mixed in, are rejected here and counted by
 * the analyzer's reader. No actions: the analyzer walks the tree.
 */
parser grammar SchedtraceParser;

options { tokenVocab = SchedtraceLexer; }

line
    : (summary | pLine | mLine | gLine) EOF
    ;

// SCHED 41ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 [needspinning=0 (1.20+)]
//   idlethreads=1 runqueue=0, then either the scheddetail fields or the per-P run queue lengths
//   ("[1 0]" up to 1.24, "[ 1 0 ] schedticks=[ 12 9 ]" from 1.25)
summary
    : SCHED elapsed=ELAPSED
      GOMAXPROCS gomaxprocs=INT
      IDLEPROCS idleprocs=INT
      THREADS threads=INT
      SPINNINGTHREADS spinningthreads=INT
      (NEEDSPINNING needspinning=INT)?
      IDLETHREADS idlethreads=INT
      RUNQUEUE runqueue=INT
      (detail | localRunqs tickList?)
      extraField*
    ;

// scheddetail=1: gcwaiting=0 nmidlelocked=0 stopwait=0 sysmonwait=0 (flags true/false once atomic.Bool)
detail
    : GCWAITING gcwaiting=flag NMIDLELOCKED nmidlelocked=INT STOPWAIT stopwait=INT SYSMONWAIT sysmonwait=flag
    ;

localRunqs
    : LBRACK INT* RBRACK
    ;

tickList
    : SCHEDTICKS LBRACK INT* RBRACK
    ;

//   P0: status=1 schedtick=12 syscalltick=6 m=0 runqsize=0 gfreecnt=0 [timerslen=1 (1.14+)]
pLine
    : P_HEAD
      STATUS status=INT
      SCHEDTICK schedtick=INT
      SYSCALLTICK syscalltick=INT
      M_EQ m=id
      RUNQSIZE runqsize=INT
      GFREECNT gfreecnt=INT
      (TIMERSLEN timerslen=INT)?
      extraField*
    ;

//   M0: p=0 curg=7 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 [helpgc=0 (<1.12)]
//       spinning=false blocked=false lockedg=-1
mLine
    : M_HEAD
      P_EQ p=id
      CURG curg=id
      MALLOCING mallocing=INT
      THROWING throwing=INT
      PREEMPTOFF_LOCKS locks=INT
      DYING dying=INT
      (HELPGC helpgc=INT)?
      SPINNING spinning=flag
      BLOCKED blocked=flag
      LOCKEDG lockedg=id
      extraField*
    ;

//   G7: status=2() m=0 lockedm=-1      G1: status=4(sleep) m=nil lockedm=nil
gLine
    : G_HEAD
      STATUS status=INT WAIT_REASON
      M_EQ m=id
      LOCKEDM lockedm=id
      extraField*
    ;

// -1 (up to 1.19) or nil (1.20+) when there is no such object
id
    : INT
    | NIL
    ;

flag
    : INT
    | TRUE
    | FALSE
    ;

extraField
    : OTHER_KEY (INT | NIL | TRUE | FALSE)?
    ;
