"""Measured matrix-multiply peak of this CPU in float32 and bfloat16 (PyTorch's GEMM: MKL/oneDNN, AVX-512 and AMX
where the build uses them), the yardstick docs/performance.md compares training GFLOP/s against.
usage: python3 tools/cpu_peak.py [--threads 2] [--size 2048] [--seconds 5]   (Debian: python3-torch)
Prints one JSON line: cpu model, fp32_gflops, bf16_gflops (best single product within the time per precision).
A torch build without a fast bf16 GEMM reports a low bf16 number: that is a fact about the build, not the CPU."""
import argparse, json, time
import torch as th
ap = argparse.ArgumentParser(); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--size', type=int, default=2048); ap.add_argument('--seconds', type=float, default=5.0)
a = ap.parse_args(); th.set_num_threads(a.threads)
def peak(dtype, size):
    x = th.randn(size, size).to(dtype); y = th.randn(size, size).to(dtype)
    th.mm(x, y)
    best, start = 0.0, time.perf_counter()
    while time.perf_counter() - start < a.seconds:
        t = time.perf_counter(); th.mm(x, y); dt = time.perf_counter() - t
        best = max(best, 2.0 * size ** 3 / dt / 1e9)
    return round(best, 1)
model = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), 'unknown')
print(json.dumps(dict(cpu=model, threads=a.threads, fp32_size=a.size, fp32_gflops=peak(th.float32, a.size),
                      bf16_size=a.size // 4, bf16_gflops=peak(th.bfloat16, a.size // 4), torch=th.__version__)))
