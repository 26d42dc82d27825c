#!/usr/bin/env bash
# Gradescope autograder setup (runs once when the autograder image is built): a JDK to compile the
# student's class and run the KernelLab CLI. Upload this folder as the autograder zip together with
# kernellab-cli.jar (releng/kernellab.cli/target/kernellab-cli.jar of a build).
set -euo pipefail
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-21-jdk-headless
