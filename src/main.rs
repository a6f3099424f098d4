use clap::Parser;

// Parsing allocates many small nodes: mimalloc makes a whole run ~15% faster
// than the system allocator (scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = tempsafe::cli::Cli::parse();
    std::process::exit(tempsafe::cli::run(cli));
}
