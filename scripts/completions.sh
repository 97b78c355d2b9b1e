#!/bin/sh
# Writes the shell completion scripts into completions/, for release archives
# and packages (run by goreleaser's before hook).
set -eu
cd "$(dirname "$0")/.."
rm -rf completions
mkdir completions
go build -o completions/.saejob ./cmd/saejob
for sh in bash zsh fish; do
	./completions/.saejob completion "$sh" >"completions/saejob.$sh"
done
rm -f completions/.saejob
