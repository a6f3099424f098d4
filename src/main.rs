use clap::Parser;

// Parsing allocates many small nodes: mimalloc makes a run about 10% faster
// than the system allocator. Peak RSS stays flat because reports stream and
// sources are dropped.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // mimalloc asks for transparent huge pages: each worker's heap then
    // holds 2 MiB pages it barely uses, and the kernel zeroes all of them.
    // Without, peak RSS on the corpora falls from 80-100 MB to under 40.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let cli = tempsafe::cli::Cli::parse();
    std::process::exit(tempsafe::cli::run(cli));
}
