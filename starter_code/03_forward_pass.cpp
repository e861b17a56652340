// Chapter 3 program: placeholder, written next.
int main() {
    return 0;
}
