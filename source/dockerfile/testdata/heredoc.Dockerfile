FROM docker.io/library/python:3.12-alpine
RUN <<EOT
pip install --no-cache-dir flask
EOT
COPY <<EOT /app/app.py
print("hi")
EOT
CMD ["python", "/app/app.py"]
