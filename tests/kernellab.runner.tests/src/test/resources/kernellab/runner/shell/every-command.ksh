# Every command of the syscall shell, on 2 CPUs.
help
exec cpu-bound:30ms --comm hog --weight 4
exec io-bound:1ms:4ms:3 --comm io --weight 2 --affinity 1
fork 2
ps
setweight 4 7
setweight 99 3
sched_setscheduler 3 SCHED_FIFO 10
sched_setscheduler 3 SCHED_RR 0
step 3
run 10ms
ps
cat /proc/4/sched
kmalloc 100
kmalloc 5000 GFP_KERNEL|__GFP_ZERO
kfree 0xffff888001016000
kmem_cache_create demo 200 8
kmem_cache_alloc demo
kmem_cache_free demo 0xffff888001017000
kmem_cache_destroy demo
alloc_pages 3
free_pages 0xffff888001040000 3
slabtop
cat /proc/buddyinfo
run 100ms
ps
# memory: the commands act on the current process, the last one exec'ed or forked (4, exited by now) or chosen with pid
mmap NULL 8K PROT_READ|PROT_WRITE MAP_PRIVATE|MAP_ANONYMOUS
exec cpu-bound:1s --comm mem
exec cpu-bound:1s --comm victim
pid 1
pid 5
mmap NULL 16K PROT_READ|PROT_WRITE MAP_PRIVATE|MAP_ANONYMOUS
mmap NULL 3 PROT_READ MAP_SHARED|MAP_ANONYMOUS
mmap 0x7ffff7ff0001 4096 PROT_READ MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED
mmap NULL 0 PROT_READ MAP_PRIVATE|MAP_ANONYMOUS
mmap NULL 4096 PROT_READ MAP_PRIVATE 3 0
mmap NULL 4096 PROT_READ|PROT_FOO MAP_PRIVATE
touch 0x7ffff7ffb000
touch 0x7ffff7ffb000 w
touch 0x7ffff7ffc000 w
touch 0x7ffff7ffc000 w
touch 0x7ffff7ffa000
pagewalk 5 0x7ffff7ffc123
pagewalk 5 0x7ffff7ffd000
pagewalk 5 0x10
pagewalk 99 0x10
fork 5
touch 0x7ffff7ffc000 w
pid 5
touch 0x7ffff7ffc000 w
mprotect 0x7ffff7ffc000 4096 PROT_READ
mprotect 0x7ffff7ffb000 4096 PROT_NONE
pagewalk 5 0x7ffff7ffb000
mprotect 0x7ffff7ff0000 4096 PROT_READ
munmap 0x7ffff7ffd001 4096
munmap 0x7ffff7ffe000 4096
brk
brk 0x555555575000
brk 0x1000
malloc 100
malloc 200000
free 0x7ffff7fc9010
cat /proc/5/maps
pmap 5
pmap -x 5
pmap -d 5
pmap 99
kill 5 0
kill 5 STOP
kill 5 99
kill 99
pid 7
touch 0x10
kill 6
pid 5
free 0x5555555752a0
free 0x5555555752a0
# a file mapping, as in the lecture's mmap example: write a text file, map it shared, touch it, read it
exec cpu-bound:1s --comm filemap
open /home/student/test.txt
open /home/student/test.txt O_RDWR|O_CREAT
write 3 This is line one.\nThis is line two.\n
mmap NULL 8K PROT_READ|PROT_WRITE MAP_SHARED 3 0
close 3
close 3
mmap NULL 4096 PROT_READ MAP_SHARED 3 0
open /home/student/test.txt O_WRONLY|O_RDWR
mmap NULL 4096 PROT_READ MAP_SHARED 3 0
close 3
open /home/student/test.txt O_MAGIC
cat /proc/8/maps
touch 0x7ffff7ffd000
touch 0x7ffff7ffd000 w
cat /home/student/test.txt
touch 0x7ffff7ffe000
ps
cat /proc/nosuch
frobnicate
