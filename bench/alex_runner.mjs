// Run alex over passages and print its messages with character offsets, for bench/eval.py.
//
//   echo '["text one", "text two"]' | node bench/alex_runner.mjs [--sureness N]
//
// Input: a JSON array of plain-text passages on standard input. Output: a JSON array with,
// for each passage, the list of alex's messages: {start, end, rule, source, message}.
// Offsets count Unicode code points (as Python's str does), not UTF-16 code units.
// Install alex first: `npm install` (or `npm install alex`) in bench/.

import {text as alex} from 'alex'

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = []
    process.stdin.on('data', (chunk) => chunks.push(chunk))
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    process.stdin.on('error', reject)
  })
}

// UTF-16 offset -> code-point offset, for one passage.
function codePointOffsets(value) {
  const map = new Array(value.length + 1)
  let cp = 0
  for (let i = 0; i < value.length; i++) {
    map[i] = cp
    const unit = value.charCodeAt(i)
    const high = unit >= 0xd800 && unit <= 0xdbff
    if (!(high && i + 1 < value.length)) cp++
  }
  map[value.length] = cp
  return map
}

function span(message) {
  // vfile-message keeps the range in `place` (newer) or `position` (older).
  const where = message.place || message.position
  if (where && where.start && where.end) return [where.start.offset, where.end.offset]
  if (where && typeof where.offset === 'number') return [where.offset, where.offset]
  return [null, null]
}

function parseArgs(argv) {
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sureness') options.profanitySureness = Number(argv[++i])
    else throw new Error(`unknown argument ${argv[i]}`)
  }
  return options
}

const options = parseArgs(process.argv.slice(2))
const passages = JSON.parse(await readStdin())
const results = passages.map((value) => {
  const file = alex(value, options)
  const offsets = codePointOffsets(value)
  return file.messages.flatMap((message) => {
    const [start, end] = span(message)
    if (start === null || end === null) return []
    return [{
      start: offsets[start],
      end: offsets[end],
      rule: String(message.ruleId || ''),
      source: String(message.source || ''),
      message: String(message.reason || message.message || ''),
    }]
  })
})
process.stdout.write(JSON.stringify(results))
