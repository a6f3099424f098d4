use clap::Parser;

fn main() {
    let cli = tempsafe::cli::Cli::parse();
    std::process::exit(tempsafe::cli::run(cli));
}
