#!/usr/bin/env bash
# The local cloud driven by the AWS CLI, one section per service: STS, Step Functions, Lambda (with
# its CloudWatch Logs), EventBridge (delivering to SQS and to a dead-letter queue), SQS and S3.
# Starts `local-cloud serve` on a free port (IAM off, time scale 100), stops it on exit, and fails on
# the first unexpected answer, naming the section, the line and what was expected.
#   bash packages/local-cloud/scripts/aws-cli-check.sh [section...]   (default: all; or npx nx run local-cloud:aws-cli-check)
#   AWS_CLI=/usr/bin/aws bash …/aws-cli-check.sh                      (another CLI, e.g. Debian's awscli 2)
# Needs the AWS CLI v1 or v2 (pip install awscli, or apt-get install awscli); CI does not run it.
set -Eeuo pipefail
cd "$(dirname "$0")/../../.."

cli=${AWS_CLI:-aws}
command -v "$cli" >/dev/null || { echo "$cli not found: pip install awscli, or apt-get install awscli" >&2; exit 2; }
work=$(mktemp -d)
server=''
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM -- "-$server" 2>/dev/null || true # its process group: npx, tsx and node
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
unset AWS_PROFILE AWS_ENDPOINT_URL
account=123456789012
section=setup
url=''
aws() { command "$cli" --endpoint-url "$url" "$@"; }

fail_at() { echo "FAIL [$section, line $1]: $2" >&2; exit 1; }
fail() { fail_at "${BASH_LINENO[0]}" "$*"; }
# Any other command that fails: name it, and for an `aws …` call the line that made it.
on_error() {
  local status=$1 line=$2 command=$3 args=$4
  [ "${FUNCNAME[1]:-}" = aws ] && fail_at "${BASH_LINENO[1]}" "\`aws $args\` exited with $status"
  fail_at "$line" "\`$command\` exited with $status"
}
trap 'on_error $? "$LINENO" "$BASH_COMMAND" "$*"' ERR

# check WHAT EXPECTED COMMAND...: COMMAND succeeds and prints EXPECTED (a bash pattern: * for
# anything); what it printed stays in $last.
last=''
check() {
  local at=${BASH_LINENO[0]} what=$1 expected=$2 status=0
  shift 2
  last=$("$@" 2>&1) || status=$?
  [ "$status" = 0 ] || fail_at "$at" "$what: exited with $status: $last"
  # shellcheck disable=SC2053 # EXPECTED is a pattern on purpose
  [[ "$last" == $expected ]] || fail_at "$at" "$what: expected '$expected', got '$last'"
  echo "ok: $what"
}
# expect_error CODE COMMAND...: COMMAND fails with the AWS error CODE.
expect_error() {
  local at=${BASH_LINENO[0]} code=$1 out
  shift
  if out=$("$@" 2>&1); then fail_at "$at" "expected $code from '$*', got success: $out"; fi
  grep -q "($code)" <<<"$out" || fail_at "$at" "expected $code from '$*', got: $out"
  echo "ok: $code"
}

sts() {
  check 'get-caller-identity' "$account	arn:aws:iam::$account:root" aws sts get-caller-identity --query '[Account,Arn]' --output text
}

stepfunctions() {
  local definition sm ex status=RUNNING
  definition='{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('"'"'Hello, {}!'"'"', $.who)"},"Next":"Wait"},"Wait":{"Type":"Wait","Seconds":5,"End":true}}}'
  sm=$(aws stepfunctions create-state-machine --name cli-check --definition "$definition" --role-arn "arn:aws:iam::$account:role/r" --query stateMachineArn --output text)
  check 'list-state-machines' '*cli-check*' aws stepfunctions list-state-machines --query 'stateMachines[].name' --output text
  ex=$(aws stepfunctions start-execution --state-machine-arn "$sm" --name run-1 --input '{"who":"CLI"}' --query executionArn --output text)
  for _ in $(seq 1 50); do
    status=$(aws stepfunctions describe-execution --execution-arn "$ex" --query status --output text)
    [ "$status" != RUNNING ] && break
    sleep 0.1
  done
  check 'describe-execution' 'SUCCEEDED	{"greeting":"Hello, CLI!"}' aws stepfunctions describe-execution --execution-arn "$ex" --query '[status,output]' --output text
  check 'get-execution-history' 'ExecutionStarted*PassStateExited*WaitStateEntered*ExecutionSucceeded' aws stepfunctions get-execution-history --execution-arn "$ex" --query 'events[].type' --output text
  check 'list-executions' run-1 aws stepfunctions list-executions --state-machine-arn "$sm" --status-filter SUCCEEDED --query 'executions[].name' --output text
  expect_error ExecutionAlreadyExists aws stepfunctions start-execution --state-machine-arn "$sm" --name run-1 --input '{"who":"other"}'
  expect_error InvalidDefinition aws stepfunctions create-state-machine --name bad --definition '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}' --role-arn "arn:aws:iam::$account:role/r"
  expect_error InvalidToken aws stepfunctions send-task-success --task-token nope --task-output '{}'
  expect_error TaskDoesNotExist aws stepfunctions send-task-success --task-token "$(printf 'A%.0s' $(seq 1 64))" --task-output '{}'
  expect_error ExecutionDoesNotExist aws stepfunctions describe-execution --execution-arn "$ex-missing"
  aws stepfunctions delete-state-machine --state-machine-arn "$sm"
}

lambda() {
  local group=/aws/lambda/cli-check
  node -e 'const { zipSync, strToU8 } = require("fflate");
    const code = "exports.handler = async (event) => { console.log(\"hello\", event.who); return { greeting: `Hello, ${event.who}!` }; };";
    require("fs").writeFileSync(process.argv[1], zipSync({ "index.js": strToU8(code) }));' "$work/fn.zip"
  check 'create-function' "arn:aws:lambda:us-east-1:$account:function:cli-check	Active" aws lambda create-function --function-name cli-check --runtime nodejs20.x \
    --handler index.handler --role "arn:aws:iam::$account:role/cli-check" --zip-file "fileb://$work/fn.zip" --timeout 10 --query '[FunctionArn,State]' --output text
  check 'invoke --log-type Tail' '?*' aws lambda invoke --function-name cli-check "${raw[@]}" --payload '{"who":"tail"}' --log-type Tail --query LogResult --output text "$work/tail.json"
  check 'the log tail' '*START RequestId*hello*tail*END RequestId*REPORT RequestId*Init Duration*' base64 -d <<<"$last"
  check 'invoke' '200	$LATEST' aws lambda invoke --function-name cli-check "${raw[@]}" --payload '{"who":"CLI"}' --query '[StatusCode,ExecutedVersion]' --output text "$work/out.json"
  check 'invoke response' '{"greeting":"Hello, CLI!"}' cat "$work/out.json"
  check 'invoke --invocation-type Event' 202 aws lambda invoke --function-name cli-check "${raw[@]}" --payload '{"who":"async"}' --invocation-type Event --query StatusCode --output text "$work/async.json"
  check 'get-function' 'cli-check	nodejs20.x	10' aws lambda get-function --function-name cli-check --query 'Configuration.[FunctionName,Runtime,Timeout]' --output text
  check 'put-function-concurrency' 5 aws lambda put-function-concurrency --function-name cli-check --reserved-concurrent-executions 5 --query ReservedConcurrentExecutions --output text
  check 'get-function-concurrency' 5 aws lambda get-function-concurrency --function-name cli-check --query ReservedConcurrentExecutions --output text
  expect_error InvalidParameterValueException aws lambda put-function-concurrency --function-name cli-check --reserved-concurrent-executions 950
  expect_error ResourceConflictException aws lambda create-function --function-name cli-check --runtime nodejs20.x --handler index.handler --role "arn:aws:iam::$account:role/cli-check" --zip-file "fileb://$work/fn.zip"

  check 'logs describe-log-groups' "$group" aws logs describe-log-groups --log-group-name-prefix /aws/lambda/cli --query 'logGroups[].logGroupName' --output text
  local hellos=''
  for _ in $(seq 1 50); do # the Event invocation runs after its 202
    hellos=$(aws logs filter-log-events --log-group-name "$group" --filter-pattern '"hello"' --query 'length(events)' --output text)
    [ "$hellos" = 3 ] && break
    sleep 0.1
  done
  [ "$hellos" = 3 ] || fail "filter-log-events: expected the handler's line of 3 invocations, got $hellos"
  echo "ok: logs filter-log-events (the handler's lines)"
  check 'logs filter-log-events REPORT' 3 aws logs filter-log-events --log-group-name "$group" --filter-pattern REPORT --query 'length(events)' --output text

  aws lambda delete-function --function-name cli-check >/dev/null
  expect_error ResourceNotFoundException aws lambda get-function --function-name cli-check
}

eventbridge() {
  local queue dlq queue_arn dlq_arn bus rule event
  queue=$(aws sqs create-queue --queue-name cli-check-big-orders --query QueueUrl --output text)
  dlq=$(aws sqs create-queue --queue-name cli-check-events-dlq --query QueueUrl --output text)
  queue_arn="arn:aws:sqs:us-east-1:$account:cli-check-big-orders"
  dlq_arn="arn:aws:sqs:us-east-1:$account:cli-check-events-dlq"
  bus=$(aws events create-event-bus --name cli-orders --query EventBusArn --output text)
  [ "$bus" = "arn:aws:events:us-east-1:$account:event-bus/cli-orders" ] || fail "create-event-bus: ARN $bus"
  check 'list-event-buses' cli-orders aws events list-event-buses --name-prefix cli --query 'EventBuses[].Name' --output text
  rule=$(aws events put-rule --name placed --event-bus-name cli-orders --event-pattern '{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}' --query RuleArn --output text)
  [ "$rule" = "arn:aws:events:us-east-1:$account:rule/cli-orders/placed" ] || fail "put-rule: ARN $rule"
  check 'describe-rule' ENABLED aws events describe-rule --name placed --event-bus-name cli-orders --query State --output text
  check 'put-targets' 0 aws events put-targets --rule placed --event-bus-name cli-orders --query FailedEntryCount --output text --targets \
    "[{\"Id\":\"queue\",\"Arn\":\"$queue_arn\",\"InputPath\":\"\$.detail\"},
      {\"Id\":\"gone\",\"Arn\":\"arn:aws:lambda:us-east-1:$account:function:gone\",\"RetryPolicy\":{\"MaximumRetryAttempts\":3,\"MaximumEventAgeInSeconds\":60},\"DeadLetterConfig\":{\"Arn\":\"$dlq_arn\"}}]"
  check 'list-targets-by-rule' 'queue	gone' aws events list-targets-by-rule --rule placed --event-bus-name cli-orders --query 'Targets[].Id' --output text

  check 'put-events' '1	None	MalformedDetail' aws events put-events --query '[FailedEntryCount,Entries[1].ErrorCode,Entries[2].ErrorCode]' --output text --entries \
    '[{"Source":"shop","DetailType":"order","Detail":"{\"total\":250}","EventBusName":"cli-orders"},
      {"Source":"shop","DetailType":"order","Detail":"{\"total\":5}","EventBusName":"cli-orders"},
      {"Source":"shop","DetailType":"order","Detail":"not json","EventBusName":"cli-orders"}]'
  check 'the big order reached the queue target' '{"total":250}	*' aws sqs receive-message --queue-url "$queue" --wait-time-seconds 5 --visibility-timeout 600 --query 'Messages[0].[Body,ReceiptHandle]' --output text
  aws sqs delete-message --queue-url "$queue" --receipt-handle "$(cut -f2 <<<"$last")"
  check "the missing function's event reached the dead-letter queue" "NO_RESOURCE	*\"total\":250*" \
    aws sqs receive-message --queue-url "$dlq" --wait-time-seconds 5 --message-attribute-names All --query 'Messages[0].[MessageAttributes.ERROR_CODE.StringValue,Body]' --output text
  check 'the small order matched nothing' 0 aws sqs get-queue-attributes --queue-url "$queue" --attribute-names ApproximateNumberOfMessages --query Attributes.ApproximateNumberOfMessages --output text

  event='{"id":"1","account":"'$account'","source":"shop","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail-type":"order","detail":{"total":101}}'
  check 'test-event-pattern' True aws events test-event-pattern --event-pattern '{"detail":{"total":[{"numeric":[">",100]}]}}' --event "$event" --query Result --output text
  aws events put-permission --event-bus-name cli-orders --policy '{"Version":"2012-10-17","Statement":[{"Sid":"acct","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"'"$bus"'"}]}'
  check 'describe-event-bus Policy' '*111122223333*' aws events describe-event-bus --name cli-orders --query Policy --output text
  aws events tag-resource --resource-arn "$rule" --tags Key=team,Value=shop
  check 'list-tags-for-resource' shop aws events list-tags-for-resource --resource-arn "$rule" --query 'Tags[0].Value' --output text

  expect_error InvalidEventPatternException aws events put-rule --name bad --event-pattern '{"source":"shop"}'
  expect_error ResourceNotFoundException aws events describe-rule --name ghost
  expect_error ResourceAlreadyExistsException aws events create-event-bus --name cli-orders
  expect_error ValidationException aws events delete-rule --name placed --event-bus-name cli-orders
  expect_error ValidationException aws events delete-event-bus --name cli-orders

  aws events remove-targets --rule placed --event-bus-name cli-orders --ids queue gone >/dev/null
  aws events delete-rule --name placed --event-bus-name cli-orders
  aws events delete-event-bus --name cli-orders
  expect_error ResourceNotFoundException aws events describe-event-bus --name cli-orders
  aws sqs delete-queue --queue-url "$queue"
  aws sqs delete-queue --queue-url "$dlq"
}

sqs() {
  local debug dlq work_queue redrive handle
  debug=$(aws sqs list-queues --debug 2>&1)
  if grep -q 'AmazonSQS.ListQueues' <<<"$debug"; then echo 'SQS protocol of this CLI: JSON 1.0 (X-Amz-Target: AmazonSQS.ListQueues)'
  elif grep -q "'Action': 'ListQueues'" <<<"$debug"; then echo 'SQS protocol of this CLI: query (Action=ListQueues)'
  else fail 'could not tell which SQS protocol the CLI speaks'; fi
  dlq=$(aws sqs create-queue --queue-name cli-check-dlq --query QueueUrl --output text)
  check 'get-queue-attributes QueueArn' "arn:aws:sqs:us-east-1:$account:cli-check-dlq" aws sqs get-queue-attributes --queue-url "$dlq" --attribute-names QueueArn --query Attributes.QueueArn --output text
  redrive="{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:us-east-1:$account:cli-check-dlq\\\",\\\"maxReceiveCount\\\":\\\"1\\\"}"
  work_queue=$(aws sqs create-queue --queue-name cli-check-work --attributes "{\"RedrivePolicy\":\"$redrive\",\"VisibilityTimeout\":\"0\"}" --tags team=fanout --query QueueUrl --output text)
  [ "$work_queue" = "$url/$account/cli-check-work" ] || fail "create-queue: URL $work_queue"
  check 'list-queues' '*cli-check-work*' aws sqs list-queues --queue-name-prefix cli-check --query QueueUrls --output text
  check 'list-queue-tags' fanout aws sqs list-queue-tags --queue-url "$work_queue" --query Tags.team --output text

  check 'send-message MD5OfMessageBody' "$(printf 'hello from the CLI' | md5sum | cut -d' ' -f1)" \
    aws sqs send-message --queue-url "$work_queue" --message-body 'hello from the CLI' --message-attributes 'kind={DataType=String,StringValue=greeting}' --query MD5OfMessageBody --output text
  check 'receive-message' 'hello from the CLI	greeting	1	*' aws sqs receive-message --queue-url "$work_queue" --attribute-names All --message-attribute-names All --visibility-timeout 600 \
    --query 'Messages[0].[Body,MessageAttributes.kind.StringValue,Attributes.ApproximateReceiveCount,ReceiptHandle]' --output text
  handle=$(cut -f4 <<<"$last")
  aws sqs delete-message --queue-url "$work_queue" --receipt-handle "$handle"
  aws sqs set-queue-attributes --queue-url "$work_queue" --attributes DelaySeconds=0
  check 'nothing left after delete-message' 0 aws sqs get-queue-attributes --queue-url "$work_queue" --attribute-names All --query Attributes.ApproximateNumberOfMessages --output text

  aws sqs send-message --queue-url "$work_queue" --message-body poison >/dev/null
  check 'first receive' poison aws sqs receive-message --queue-url "$work_queue" --query 'Messages[0].Body' --output text
  check 'second receive moves it to the dead-letter queue' None aws sqs receive-message --queue-url "$work_queue" --query 'Messages[0].Body' --output text
  check 'dead-letter queue' "poison	arn:aws:sqs:us-east-1:$account:cli-check-work" aws sqs receive-message --queue-url "$dlq" --wait-time-seconds 2 --attribute-names All \
    --query 'Messages[0].[Body,Attributes.DeadLetterQueueSourceArn]' --output text
  # v1 (JSON protocol) names the error QueueDoesNotExist, v2 (query protocol) by its legacy code.
  if ! aws sqs get-queue-url --queue-name cli-check-absent >"$work/err" 2>&1 && grep -q '(QueueDoesNotExist)\|(AWS.SimpleQueueService.NonExistentQueue)' "$work/err"; then echo 'ok: get-queue-url of a missing queue'
  else fail "get-queue-url of a missing queue: $(cat "$work/err")"; fi

  aws sqs delete-queue --queue-url "$work_queue"
  aws sqs delete-queue --queue-url "$dlq"
  check 'no queue left' 0 aws sqs list-queues --queue-name-prefix cli-check --query 'length(QueueUrls || `[]`)' --output text
}

s3() {
  local bucket="cli-check-$$"
  echo 'small file' >"$work/small.txt"
  head -c $((9 * 1024 * 1024)) /dev/urandom >"$work/big.bin" # over the CLI's 8 MiB threshold: a multipart upload
  echo '{"items":[1,2,3]}' >"$work/one.json"
  check 'mb' "*make_bucket: $bucket*" aws s3 mb "s3://$bucket"
  check 'cp up (one PUT)' '*upload:*' aws s3 cp "$work/small.txt" "s3://$bucket/dir/small file+1.txt"
  check 'cp up (multipart)' '*upload:*' aws s3 cp "$work/big.bin" "s3://$bucket/dir/big.bin"
  check 'ls' '*big.bin*small file+1.txt*' aws s3 ls "s3://$bucket/dir/"
  check 'cp down' '*download:*' aws s3 cp "s3://$bucket/dir/big.bin" "$work/big.down"
  cmp -s "$work/big.bin" "$work/big.down" || fail 'cp down: the bytes differ'
  check 's3api put-object' '*"ETag"*' aws s3api put-object --bucket "$bucket" --key api/one.json --body "$work/one.json" --content-type application/json
  check 's3api get-object' application/json aws s3api get-object --bucket "$bucket" --key api/one.json "$work/one.down" --query ContentType --output text
  cmp -s "$work/one.json" "$work/one.down" || fail 's3api get-object: the bytes differ'
  check 's3api list-objects-v2' 3 aws s3api list-objects-v2 --bucket "$bucket" --no-paginate --query KeyCount --output text
  check 's3api delete-objects' 3 aws s3api delete-objects --bucket "$bucket" --delete '{"Objects":[{"Key":"api/one.json"},{"Key":"dir/small file+1.txt"},{"Key":"dir/big.bin"}]}' --query 'length(Deleted)' --output text
  check 'rb' "*remove_bucket: $bucket*" aws s3 rb "s3://$bucket"
  expect_error 404 aws s3api head-bucket --bucket "$bucket"
}

sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(sts stepfunctions lambda eventbridge sqs s3)
for section in "${sections[@]}"; do
  declare -F "$section" >/dev/null || fail "no section '$section' (sts, stepfunctions, lambda, eventbridge, sqs, s3)"
done

section=setup
server_log="$work/server.log"
setsid npx tsx packages/local-cloud/src/cli.ts serve --port 0 --iam off --time-scale 100 >"$server_log" 2>&1 &
server=$!
for _ in $(seq 1 300); do grep -q '^http://' "$server_log" && break; kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
url=$(grep -m1 '^http://' "$server_log" || true)
[ -n "$url" ] || fail "the server did not print its URL: $(cat "$server_log")"
version=$(command "$cli" --version 2>&1)
# v2 reads blob arguments as base64 unless told otherwise; v1 does not know the option.
raw=()
[[ "$version" == aws-cli/2* ]] && raw=(--cli-binary-format raw-in-base64-out)
command "$cli" configure set default.s3.addressing_style path
echo "$version against $url"

for section in "${sections[@]}"; do
  echo "== $section"
  "$section"
done
echo "AWS CLI check passed: ${sections[*]}"
