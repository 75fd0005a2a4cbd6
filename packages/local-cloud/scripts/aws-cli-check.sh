#!/usr/bin/env bash
# Scripted check with the AWS CLI (Debian package `awscli`, or pip's awscli) against the local
# endpoint: create a callback state machine, start it, complete the task token, read the history,
# and provoke the API errors. Not part of CI (needs the CLI). Run: npx nx run local-cloud:aws-cli-check
set -euo pipefail
cd "$(dirname "$0")/../../.."

command -v aws >/dev/null || { echo "aws CLI not found: apt-get install awscli" >&2; exit 2; }
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""

log=$(mktemp)
node --import tsx packages/local-cloud/src/cli.ts serve --port 0 --time-scale 100 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q 'endpoint:' "$log" && break; sleep 0.1; done
url=$(sed -n 's/^Step Functions endpoint: //p' "$log")
[ -n "$url" ] || { echo "server did not start:"; cat "$log"; exit 1; }
sfn() { aws stepfunctions --endpoint-url "$url" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
echo "endpoint $url"

definition='{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('"'"'Hello, {}!'"'"', $.who)"},"Next":"Wait"},"Wait":{"Type":"Wait","Seconds":5,"End":true}}}'
sm=$(sfn create-state-machine --name cli-check --definition "$definition" --role-arn arn:aws:iam::123456789012:role/r --query stateMachineArn --output text)
echo "created $sm"
sfn list-state-machines --query 'stateMachines[].name' --output text | grep -q cli-check || fail "list-state-machines"
ex=$(sfn start-execution --state-machine-arn "$sm" --name run-1 --input '{"who":"CLI"}' --query executionArn --output text)
for _ in $(seq 1 50); do
  status=$(sfn describe-execution --execution-arn "$ex" --query status --output text)
  [ "$status" != RUNNING ] && break; sleep 0.1
done
[ "$status" = SUCCEEDED ] || fail "execution status $status"
out=$(sfn describe-execution --execution-arn "$ex" --query output --output text)
[ "$out" = '{"greeting":"Hello, CLI!"}' ] || fail "output $out"
events=$(sfn get-execution-history --execution-arn "$ex" --query 'events[].type' --output text)
echo "history: $events"
[[ "$events" == ExecutionStarted*ExecutionSucceeded ]] || fail "history"
sfn list-executions --state-machine-arn "$sm" --status-filter SUCCEEDED --query 'executions[].name' --output text | grep -q run-1 || fail "list-executions"

expect_error() { # code, command...
  local code=$1; shift
  if err=$("$@" 2>&1); then fail "expected $code, got success"; fi
  grep -q "($code)" <<<"$err" || fail "expected $code, got: $err"
  echo "ok: $code"
}
expect_error ExecutionAlreadyExists sfn start-execution --state-machine-arn "$sm" --name run-1 --input '{"who":"other"}'
expect_error InvalidDefinition sfn create-state-machine --name bad --definition '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}' --role-arn arn:aws:iam::123456789012:role/r
expect_error InvalidToken sfn send-task-success --task-token nope --task-output '{}'
expect_error TaskDoesNotExist sfn send-task-success --task-token "$(printf 'A%.0s' $(seq 1 64))" --task-output '{}'
expect_error ExecutionDoesNotExist sfn describe-execution --execution-arn "${ex}-missing"
sfn delete-state-machine --state-machine-arn "$sm"
echo "AWS CLI check passed"
