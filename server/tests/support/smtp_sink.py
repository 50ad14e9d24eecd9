"""A real SMTP server for the tests (aiosmtpd): writes each message it
receives as one JSON line, decoded with Python's own e-mail parser, so the
test checks what a mail client would show.

    python3 smtp_sink.py PORT OUTPUT_FILE
"""
import asyncio
import email
import email.policy
import json
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "envelope_to": envelope.rcpt_tos,
            "to": str(msg["To"]),
            "from": str(msg["From"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
            # Every other leaf part: inline images and attached files.
            "parts": [
                {
                    "content_type": part.get_content_type(),
                    "content_id": str(part["Content-ID"]) if part["Content-ID"] else None,
                    "disposition": part.get_content_disposition(),
                    "filename": part.get_filename(),
                    "size": len(part.get_payload(decode=True) or b""),
                }
                for part in msg.walk()
                if not part.is_multipart() and part is not text and part is not html
            ],
        }
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 OK"


async def main(port, path):
    controller = Controller(Sink(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
