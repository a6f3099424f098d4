//! `[tool.tempsafe]` in the nearest `pyproject.toml`: per-repository
//! settings, so that a run over many repositories treats each as its owners
//! configured it.
//!
//! ```toml
//! [tool.tempsafe]
//! select = ["TMP001", "TMP003"]    # default: all
//! ignore = ["TMP004"]
//! exclude = ["vendored/**"]
//! tmp-dirs = ["/scratch"]          # added to /tmp, /var/tmp, /dev/shm
//! unsafe-fixes = false
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The `[tool.tempsafe]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub tmp_dirs: Vec<String>,
    #[serde(default)]
    pub unsafe_fixes: bool,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    tempsafe: Option<Config>,
}

/// A configuration that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The `[tool.tempsafe]` table of the nearest `pyproject.toml` that has one,
/// looking from `root` upwards, with the file it came from.
pub fn find_config(root: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
    let start = if root.is_dir() {
        root.to_path_buf()
    } else {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = std::path::absolute(&start).unwrap_or(start);
    for dir in start.ancestors() {
        let candidate = dir.join("pyproject.toml");
        if !candidate.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&candidate).map_err(|e| ConfigError {
            path: candidate.clone(),
            message: e.to_string(),
        })?;
        // Only the tool.tempsafe table is ours; the rest may use TOML features
        // or keys we do not model, so look for the table first.
        if !text.contains("tool.tempsafe") {
            continue;
        }
        let pyproject: Pyproject = toml::from_str(&text).map_err(|e| ConfigError {
            path: candidate.clone(),
            message: format!("invalid [tool.tempsafe]: {}", e.message()),
        })?;
        if let Some(config) = pyproject.tool.and_then(|t| t.tempsafe) {
            return Ok(Some((candidate, config)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_nearest_table_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[project]\nname = \"x\"\n\n[tool.tempsafe]\nselect = [\"TMP001\"]\ntmp-dirs = [\"/scratch\"]\nunsafe-fixes = true\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        let (path, config) = find_config(&dir.path().join("pkg")).unwrap().unwrap();
        assert!(path.ends_with("pyproject.toml"));
        assert_eq!(config.select, vec!["TMP001"]);
        assert_eq!(config.tmp_dirs, vec!["/scratch"]);
        assert!(config.unsafe_fixes);

        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.tempsafe]\nselcet = []\n",
        )
        .unwrap();
        let error = find_config(dir.path()).unwrap_err();
        assert!(error.message.contains("selcet"), "{}", error.message);
    }
}
