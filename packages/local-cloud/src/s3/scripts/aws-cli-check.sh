#!/usr/bin/env bash
# Drives the local S3 with the AWS CLI (path-style, --endpoint-url): mb, cp up and down (a
# multipart upload included), ls, s3api put-object / get-object / list-objects-v2 / delete-objects, rb.
# Needs ENDPOINT (the gateway URL); run it through aws-cli-check.ts, which starts one.
set -euo pipefail
: "${ENDPOINT:?set ENDPOINT to the local cloud URL}"

work="$(mktemp -d)"
bucket="cli-check-$$"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=''
aws configure set default.s3.addressing_style path

a() { aws --endpoint-url "$ENDPOINT" "$@"; }
steps=0
step() { steps=$((steps + 1)); echo "ok $steps - $1"; }
fail() {
  echo "not ok - $1" >&2
  exit 1
}
cleanup() {
  a s3 rb "s3://$bucket" --force >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo 'small file' >"$work/small.txt"
# 9 MiB: over the CLI's 8 MiB multipart threshold, so cp uploads it in parts.
head -c $((9 * 1024 * 1024)) /dev/urandom >"$work/big.bin"
echo '{"items":[1,2,3]}' >"$work/one.json"

a s3 mb "s3://$bucket" >/dev/null || fail 'mb'
step 'mb'
a s3 cp "$work/small.txt" "s3://$bucket/dir/small file+1.txt" >/dev/null || fail 'cp up (single PUT)'
step 'cp up (single PUT)'
a s3 cp "$work/big.bin" "s3://$bucket/dir/big.bin" >/dev/null || fail 'cp up (multipart)'
step 'cp up (multipart)'
listing="$(a s3 ls "s3://$bucket/dir/")"
{ grep -q "small file+1.txt" <<<"$listing" && grep -q 'big.bin' <<<"$listing"; } || fail "ls shows both files, got: $listing"
step 'ls'
a s3 cp "s3://$bucket/dir/big.bin" "$work/big.down" >/dev/null || fail 'cp down'
cmp -s "$work/big.bin" "$work/big.down" || fail 'cp down: the bytes differ'
step 'cp down, bytes identical'
a s3api put-object --bucket "$bucket" --key api/one.json --body "$work/one.json" --content-type application/json >/dev/null || fail 's3api put-object'
step 's3api put-object'
type="$(a s3api get-object --bucket "$bucket" --key api/one.json "$work/one.down" --query ContentType --output text)"
[ "$type" = application/json ] || fail "s3api get-object: content type $type"
cmp -s "$work/one.json" "$work/one.down" || fail 's3api get-object: the bytes differ'
step 's3api get-object'
count="$(a s3api list-objects-v2 --bucket "$bucket" --no-paginate --query KeyCount --output text)"
[ "$count" = 3 ] || fail "s3api list-objects-v2: KeyCount $count, expected 3"
step 's3api list-objects-v2'
deleted="$(a s3api delete-objects --bucket "$bucket" \
  --delete '{"Objects":[{"Key":"api/one.json"},{"Key":"dir/small file+1.txt"},{"Key":"dir/big.bin"}]}' --query 'length(Deleted)' --output text)"
[ "$deleted" = 3 ] || fail "s3api delete-objects: deleted $deleted, expected 3"
step 's3api delete-objects'
a s3 rb "s3://$bucket" >/dev/null || fail 'rb'
step 'rb'
if a s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then fail 'the bucket still exists after rb'; fi
step 'bucket gone'
echo "aws-cli-check: all $steps steps passed"
