# multiprocessing: a Pool of two forked workers, and a lock-protected counter in shared memory
# (a ctypes Value: a MAP_SHARED mapping; its Lock a SemLock, a futex in a shared page)
import multiprocessing as mp


def square(x):
    return x * x


def add(args):
    counter, n = args
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    mp.set_start_method("fork")
    with mp.Pool(2) as pool:
        print("squares:", pool.map(square, range(8)))
    counter = mp.Value("i", 0)
    workers = [mp.Process(target=add, args=((counter, 500),)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("exit codes:", [w.exitcode for w in workers])
    print("counter:", counter.value)
