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
cat /proc/nosuch
frobnicate
