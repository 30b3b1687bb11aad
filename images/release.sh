# images/release.sh: sourced by images/publish and images/bundle. The version and tags of what they
# make: the project version and the commit, never a SNAPSHOT (a tag that moves).
# Sets HOME_DIR, VERSION, COMMIT, IMAGE_TAG, CHART_VERSION, K3S_VERSION, HELM_VERSION.
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this file

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The first <version> after the parent pom's own artifactId.
project_version() {
  sed -n '/<artifactId>library-parent<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' \
    "$HOME_DIR/pom.xml" | head -n1
}

chart_field() {
  sed -n "s/^$1: *\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$HOME_DIR/helm/library/Chart.yaml" | head -n1
}

# A pinned version from k8s/ec2/user-data.sh, so the bundle and the installer agree.
pinned() {
  sed -n "s/^$1=\"\(.*\)\"$/\1/p" "$HOME_DIR/k8s/ec2/user-data.sh"
}

VERSION="$(project_version)"
COMMIT="${LIBRARY_COMMIT:-$(git -C "$HOME_DIR" rev-parse --short=12 HEAD)}"
# A SNAPSHOT becomes <version>-g<commit>: one tag per commit, so a tag never changes its image.
if [[ "$VERSION" == *-SNAPSHOT ]]; then
  IMAGE_TAG="${VERSION%-SNAPSHOT}-g$COMMIT"
  CHART_VERSION="$(chart_field version)-g$COMMIT"
else
  IMAGE_TAG="$VERSION"
  CHART_VERSION="$(chart_field version)"
fi
K3S_VERSION="$(pinned K3S_VERSION)"
HELM_VERSION="$(pinned HELM_VERSION)"

# Refuses to publish a tree with uncommitted changes: the commit in the tag would lie.
require_clean_tree() {
  local changes
  changes="$(git -C "$HOME_DIR" status --porcelain)"
  if [[ -n "$changes" ]]; then
    echo "$(basename "$0"): uncommitted changes; commit them first (the tag names the commit):" >&2
    echo "$changes" >&2
    exit 1
  fi
}

run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  if [[ "$DRY_RUN" == false ]]; then
    "$@"
  fi
}

# k8s/ec2/user-data.sh with SETTINGS (KEY=value lines) written into its SETTINGS block: the file to
# give `aws ec2 run-instances --user-data file://...`.
write_user_data() {
  local target="$1" settings="$2"
  SETTINGS="$settings" awk '{ print } /^  cat <<.SETTINGS.$/ { print ENVIRON["SETTINGS"] }' \
    "$HOME_DIR/k8s/ec2/user-data.sh" >"$target"
}
